"""Analysis: dashboard statistics, patterns, timelines, SVG charts, the choropleth and the brief.

The last step of the flow: reads incident aggregates (``source``), turns them into figures
(``stats``) and pictures (``charts``, ``choropleth``), served by ``dashboard`` and ``brief``.
"""
