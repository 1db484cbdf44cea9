## Operations: health checks, metrics and benchmarks (operator-facing text).
