"""Web area: testimony (views, urls; templates under templates/carewatch/testimony/)."""
