using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Core;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Email.Receipts;

namespace Storefront.Email.Tests.Infrastructure;

/// <summary>
/// The Core and Email modules registered as the host registers them, on a fresh SQLite file with the real
/// migrations, so the real outbox processor carries receipts to a real SMTP server.
/// </summary>
public sealed class OutboxHost : IAsyncDisposable
{
    private readonly TempFolder folder;

    private OutboxHost(TempFolder folder, ServiceProvider services) => (this.folder, Services) = (folder, services);

    public ServiceProvider Services { get; }

    public OutboxProcessor Processor => Services.GetRequiredService<OutboxProcessor>();

    public OutboxPasses Passes => Services.GetRequiredService<OutboxPasses>();

    public static async Task<OutboxHost> StartAsync(int smtpPort, Dictionary<string, string?> outbox)
    {
        var folder = new TempFolder("storefront-outbox");
        var settings = new Dictionary<string, string?>(outbox)
        {
            ["ConnectionStrings:Storefront"] = $"Data Source={folder.File("shop.db")}",
            ["Email:From"] = TestMail.ShopAddress,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(),
            ["Email:Smtp:TimeoutSeconds"] = "10",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        var context = new ModuleContext(configuration, new TestEnvironment());
        new CoreStartup().ConfigureServices(services, context);
        new EmailStartup().ConfigureServices(services, context);
        services.AddScoped<IOutboxHandler, ReceiptMailHandler>();
        var started = new OutboxHost(folder, services.BuildServiceProvider());
        await using (var scope = started.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataMigrator>().MigrateAsync();
        }

        started.Services.GetRequiredService<StartupBarrier>().Open();
        return started;
    }

    /// <summary>Queues the receipt of an order in a transaction of its own; <paramref name="beforeCommit"/> runs after the save, before the commit.</summary>
    public async Task EnqueueAsync(string orderNumber, Func<Task>? beforeCommit = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(ReceiptMailHandler.MessageType, orderNumber, orderNumber);
        await db.SaveChangesAsync();
        if (beforeCommit is not null)
        {
            await beforeCommit();
        }

        await transaction.CommitAsync();
    }

    public async Task<OutboxMessage> MessageAsync(string orderNumber)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.DeduplicationKey == orderNumber);
    }

    /// <summary>The running processor's first look that started after <paramref name="mark"/>, once it has finished.</summary>
    public async Task<OutboxPass> PassAfterAsync(long mark)
    {
        var limit = Patience.For(TimeSpan.FromSeconds(10));
        try
        {
            return await Passes.FinishedAfterAsync(mark).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The outbox processor finished no look started after look {mark} within {Patience.Describe(limit)}.");
        }
    }

    /// <summary>Wakes the running processor as its poll would, and waits until the look that follows has finished.</summary>
    public Task<OutboxPass> LookNowAsync()
    {
        var mark = Passes.Started;
        Services.GetRequiredService<OutboxSignal>().Notify();
        return PassAfterAsync(mark);
    }

    /// <summary>The processor records a send just after the server has taken the message.</summary>
    public async Task WaitUntilProcessedAsync(string orderNumber)
    {
        var deadline = DateTime.UtcNow + Patience.For(TimeSpan.FromSeconds(10));
        while ((await MessageAsync(orderNumber)).ProcessedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The outbox never recorded the receipt of {orderNumber} as sent.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>Sends the receipt of the order named in the payload, as the shop's receipt handler does.</summary>
    private sealed class ReceiptMailHandler(IEmailSender email) : IOutboxHandler
    {
        public const string MessageType = "test.receipt";

        public string Type => MessageType;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            email.SendAsync(ReceiptEmail.Create(TestMail.Receipt(orderNumber: JsonSerializer.Deserialize<string>(message.Payload))), cancellationToken);
    }
}

public sealed class TestEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Production;

    public string ApplicationName { get; set; } = "Storefront.Email.Tests";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}
