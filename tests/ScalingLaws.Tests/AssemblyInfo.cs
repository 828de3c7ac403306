// libtorch's process-wide state (the thread pool size every Trainer.Run sets, the global RNG) is not safe to change
// while another test's tensors are in flight; the likely cause of a resume test failing once inside libtorch
// ("Expected false to be true") with test classes in parallel. Tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
