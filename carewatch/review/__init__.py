"""Review: roles, human verification of machine labels, assignments, and the audit trail."""
