using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Storefront.Core.Modules;
using Storefront.Email.Services;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>Configuration is checked when the shop starts, and every complaint names the key to fix.</summary>
public sealed class EmailOptionsTests
{
    [Fact]
    public void NoSmtpHostChoosesThePickupFolderAndAHostChoosesSmtp()
    {
        using var pickup = Start(new() { ["Email:From"] = "shop@example.test" });
        using var smtp = Start(new() { ["Email:From"] = "shop@example.test", ["Email:Smtp:Host"] = "smtp.example.test" });

        Assert.IsType<PickupFolderEmailSender>(Assert.IsType<ConfiguredEmailSender>(pickup.GetRequiredService<IEmailSender>()).Current);
        Assert.IsType<SmtpEmailSender>(Assert.IsType<ConfiguredEmailSender>(smtp.GetRequiredService<IEmailSender>()).Current);
        Assert.Equal("data/mail", pickup.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);
        Assert.Equal(587, smtp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Port);
    }

    [Theory]
    [InlineData(null, null, "Email__From is required")]
    [InlineData("not-an-address", null, "Email__From must be a plain email address")]
    [InlineData("Shop <shop@example.test>", null, "Email__FromName")]
    [InlineData("shop@example.test", "Email:Smtp:Port=0", "Email__Smtp__Port must be between 1 and 65535")]
    [InlineData("shop@example.test", "Email:Smtp:Port=70000", "Email__Smtp__Port must be between 1 and 65535")]
    [InlineData("shop@example.test", "Email:Smtp:Host=smtp://mail.example.test", "Email__Smtp__Host must be a host name")]
    [InlineData("shop@example.test", "Email:Smtp:Username=shop", "Email__Smtp__Password")]
    [InlineData("shop@example.test", "Email:Smtp:TimeoutSeconds=0", "Email__Smtp__TimeoutSeconds")]
    [InlineData("shop@example.test", "Email:PickupDirectory=", "Email__PickupDirectory")]
    public void ABadSettingStopsStartAndNamesItsEnvironmentKey(string? from, string? setting, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Email:From"] = from };
        if (setting is not null)
        {
            var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);
            settings[key] = value;
            if (key.StartsWith("Email:Smtp:", StringComparison.Ordinal) && key != "Email:Smtp:Host")
            {
                settings["Email:Smtp:Host"] = "smtp.example.test";
            }
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Start(settings).Dispose());

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceAndThePasswordIsNotRepeated()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Email:From"] = "nobody",
            ["Email:Smtp:Host"] = "smtp.example.test",
            ["Email:Smtp:Port"] = "99999",
            ["Email:Smtp:Password"] = "hunter2-secret",
        }).Dispose());

        Assert.Equal(3, failure.Failures.Count());
        Assert.DoesNotContain("hunter2-secret", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp.example.test", null, true)]
    [InlineData("localhost", null, false)]
    [InlineData("127.0.0.1", null, false)]
    [InlineData("::1", null, false)]
    [InlineData("localhost", "true", true)]
    [InlineData("smtp.example.test", "false", false)]
    public void StartTlsIsOnByDefaultExceptForLoopbackHosts(string host, string? enableSsl, bool expected)
    {
        using var provider = Start(new() { ["Email:From"] = "shop@example.test", ["Email:Smtp:Host"] = host, ["Email:Smtp:EnableSsl"] = enableSsl });

        Assert.Equal(expected, provider.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.UsesSsl);
    }

    [Theory]
    [InlineData("smtp.example.test", 587, null, null, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.test", 465, null, null, SecureSocketOptions.SslOnConnect)]
    [InlineData("127.0.0.1", 25, null, null, SecureSocketOptions.None)]
    [InlineData("smtp.example.test", 587, "false", null, SecureSocketOptions.None)]
    [InlineData("smtp.example.test", 2525, null, "SslOnConnect", SecureSocketOptions.SslOnConnect)]
    [InlineData("localhost", 587, null, "StartTls", SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.test", 465, null, "None", SecureSocketOptions.None)]
    public void Port465MeansImplicitTlsAndTlsIsNeverMerelyOpportunistic(string host, int port, string? enableSsl, string? security, SecureSocketOptions expected)
    {
        using var provider = Start(new()
        {
            ["Email:From"] = "shop@example.test", ["Email:Smtp:Host"] = host, ["Email:Smtp:Port"] = port.ToString(),
            ["Email:Smtp:EnableSsl"] = enableSsl, ["Email:Smtp:Security"] = security,
        });

        Assert.Equal(expected, provider.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.SocketSecurity);
    }

    [Fact]
    public void ContradictoryOrUnknownTlsSettingsStopStartNamingTheKey()
    {
        var contradiction = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Email:From"] = "shop@example.test", ["Email:Smtp:Host"] = "smtp.example.test", ["Email:Smtp:EnableSsl"] = "true", ["Email:Smtp:Security"] = "None",
        }).Dispose());
        var unknown = Assert.Throws<InvalidOperationException>(() => Start(new()
        {
            ["Email:From"] = "shop@example.test", ["Email:Smtp:Host"] = "smtp.example.test", ["Email:Smtp:Security"] = "Tls13",
        }).Dispose());

        Assert.Contains(contradiction.Failures, message => message.Contains("Email__Smtp__Security=None", StringComparison.Ordinal));
        Assert.Contains("Email:Smtp:Security", unknown.Message);
    }

    [Fact]
    public void TheModuleDeclaresItselfWithCoreAsItsOnlyDependency()
    {
        var module = ModuleDescriptor.For(typeof(EmailStartup));

        Assert.Equal("Email", module.Name);
        Assert.Equal(["Core"], module.Dependencies);
        Assert.NotEmpty(module.Description);
    }

    /// <summary>Registers the module as the host does and runs the checks the host runs at start.</summary>
    private static ServiceProvider Start(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        new EmailStartup().ConfigureServices(services, new ModuleContext(configuration, new TestEnvironment()));
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
