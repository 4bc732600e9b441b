"""Runnable PyTorch exercises: metadata, static rules, the isolated checker and its scheduling.

Only ``judge`` and ``worker`` import torch, and they run in their own processes.
"""
