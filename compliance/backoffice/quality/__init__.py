"""The quality and effectiveness evaluation (集体协商质效评估) in the back office."""
