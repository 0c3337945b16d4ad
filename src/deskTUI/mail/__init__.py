"""The clients' e-mail channel (issue 22): messages read and written, and the mail servers
talked to (SMTP out, IMAP in, a Maildir on disk).

Beside the store, below the services: it knows RFC 5322 and the protocols, never the
database nor the UI. The services decide what a message does to a case.
"""
