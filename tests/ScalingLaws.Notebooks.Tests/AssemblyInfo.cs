// The runner sets the process's Console and working directory while a notebook runs: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
