"""Web area: reports (views, urls; templates under templates/carewatch/reports/)."""
