using Storefront.Host.Cli;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary><c>healthcheck</c>: the container health check of an image without curl asks the running shop on its own address.</summary>
public sealed class HealthcheckCommandTests
{
    [Fact]
    public async Task ItExitsZeroWhileTheShopIsReadyAndOneWhenNothingAnswers()
    {
        await using var app = await StorefrontApp.StartAsync();
        var listening = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        var ready = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "healthcheck"], environment: new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = listening });
        Assert.True(ready.ExitCode == 0, ready.All);
        Assert.Contains("/health/ready: 200", ready.Output);

        var byArgument = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "healthcheck", "--urls", listening]);
        Assert.True(byArgument.ExitCode == 0, byArgument.All);

        var nobody = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "healthcheck"],
            environment: new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}" });
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("not reachable", nobody.Output);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://+:8080;https://+:8443", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000/health/ready")]
    [InlineData("http://localhost:7000/", "http://localhost:7000/health/ready")]
    [InlineData(null, "http://localhost:5000/health/ready")]
    public void ItAsksTheFirstAddressTheShopListensOnWithAWildcardOnLoopback(string? urls, string expected) =>
        Assert.Equal(new Uri(expected), HealthcheckCommand.ReadyAddress([], urls));

    [Fact]
    public void TheUrlsArgumentWinsOverTheEnvironment() =>
        Assert.Equal(new Uri("http://127.0.0.1:9000/health/ready"), HealthcheckCommand.ReadyAddress(["--urls=http://*:9000"], "http://0.0.0.0:8080"));
}
