"""Developer tools: the benchmark, its pandas baseline and the synthetic sample generator. The server never imports these."""
