namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Tests that read figures from <c>/metrics</c> run alone: OpenTelemetry's listener takes every meter of a name in the
/// process, so shops running side by side in the test host would share (and, as they stop, drop) each other's series.
/// One shop per process, as in production, has no such neighbours.
/// </summary>
[CollectionDefinition(nameof(MetricsMeasured), DisableParallelization = true)]
public sealed class MetricsMeasured;
