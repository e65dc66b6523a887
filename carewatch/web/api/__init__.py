"""Web area: api (views, urls; templates under templates/carewatch/api/)."""
