"""The posting planner: reads scenarios, builds and solves the model, checks and explains plans.

Library code logs through ``logging``; only ``planner.cli`` prints.
"""
__version__ = "0.1.0"
