"""The server's database: tables (`models`), engine and migrations (`session`)."""
