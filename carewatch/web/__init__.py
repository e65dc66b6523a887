"""The workspace: a Django app where a team reviews, searches and verifies incidents.

Views stay thin (view → service → store); services take keyword arguments and enforce roles.
"""
