"""Web area: exports (views, urls; templates under templates/carewatch/exports/)."""
