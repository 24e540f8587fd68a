namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Tests that judge memory by the managed heap, which every test in the process shares: xunit runs this
/// collection on its own, so another test's allocations cannot be mistaken for theirs.
/// </summary>
[CollectionDefinition(nameof(HeapMeasured), DisableParallelization = true)]
public sealed class HeapMeasured;
