"""One reader per file format; each turns bytes into Records or raises IntakeError."""
