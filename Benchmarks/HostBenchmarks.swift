let hostBenchmarks = BenchmarkGroup(name: "host") {}
