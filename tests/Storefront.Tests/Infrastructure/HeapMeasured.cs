namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Tests that judge memory by the managed heap, which every test in the process shares: xunit runs this
/// collection on its own, so another test's allocations cannot be mistaken for theirs. Its classes also carry the
/// trait <c>Heap=Measured</c>, by which <c>scripts/test.sh</c> runs them in a test host of their own: work another
/// test left behind (a server still shutting down, a finalizer queue) cannot allocate beside them either.
/// </summary>
[CollectionDefinition(nameof(HeapMeasured), DisableParallelization = true)]
public sealed class HeapMeasured;
