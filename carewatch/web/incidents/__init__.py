"""Web area: incidents (views, urls; templates under templates/carewatch/incidents/)."""
