"""A model-driven fuzzer of the served emulator (a developer tool; it needs Hypothesis).

``targets`` names the services and operations, ``shapes`` draws inputs from botocore's
shapes, ``sending`` and ``mutations`` put them on the wire (through boto3, or as raw HTTP that
no SDK would send), ``oracle`` judges every answer, and ``campaign`` runs a bounded,
seeded campaign against a fresh emulator on 127.0.0.1. ``make test`` runs a short campaign
(``tests/test_emulator_fuzz.py``); ``make fuzz`` runs a long one.
"""
