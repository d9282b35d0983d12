"""What-if tools: scenario edits, plan comparison, sweeps, advancing a year."""
