using Xunit;

// The session is process-wide by design (like Az's context), so tests that connect and disconnect
// would race each other if classes ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
