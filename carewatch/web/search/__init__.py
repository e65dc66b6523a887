"""Web area: search (views, urls; templates under templates/carewatch/search/)."""
