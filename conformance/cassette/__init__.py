"""Cassettes: a run's every request and answer, recorded, sanitised, and replayed offline.

``recording`` writes them (``run --record DIR``), ``replaying`` and the ``replay`` backend
answer a run from them (``run --backend replay --cassette DIR``), ``sanitise`` keeps secrets
out of them, ``matching`` says when a replayed request is the recorded one, ``evidence``
reports what a cassette covers and ``policy`` turns the calls into an IAM policy. The format
is ``format``'s, documented on the *Recording and replaying runs* page.
"""
