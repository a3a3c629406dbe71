"""What keeps a run against a live account safe and repeatable.

A live account (``--backend aws``) holds a team's real incident data, so a run there looks
before it touches anything (``state``), refuses to share the account with another run
(``lock``), writes down every resource before it creates it (``journal``), can show what it
would do without doing it (``dryrun``), and leaves a journal that ``sweep`` can trust after
any interruption. Run IDs and the names built from them follow one rule (``runid``).
"""
