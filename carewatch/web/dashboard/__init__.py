"""Web area: dashboard (views, urls; templates under templates/carewatch/dashboard/)."""
