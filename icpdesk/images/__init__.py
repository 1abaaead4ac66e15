"""Scanned-document checks and fixes: what is wrong with each file, and a corrected copy.

Pillow decodes; nothing here imports Qt. Untrusted files are opened with a format allowlist,
decompression-bomb warnings count as errors, and batches decode in worker processes with a
time and memory limit (see batch.py).
"""
