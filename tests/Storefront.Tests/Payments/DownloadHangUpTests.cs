using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Downloads.Entitlements;
using Storefront.Testing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A buyer who hangs up while the gate is still reserving the use: the moment between the reservation's UPDATE and its
/// commit is held open until the shop has seen the client go, so the race is hit every time, not by luck.
/// </summary>
public sealed class DownloadHangUpTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABuyerWhoHangsUpWhileTheUseIsReservedLosesNothingAndTheShopLogsNoError(Db db)
    {
        var hangUp = new HangUpDuringReservation();
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 3, width: 256, height: 256), "album.pdf", "early@example.com", db,
            faults: services =>
            {
                services.AddHttpContextAccessor();
                services.AddSingleton<IInterceptor>(provider => hangUp.Watching(provider.GetRequiredService<IHttpContextAccessor>()));
            });

        using (var cancel = new CancellationTokenSource())
        {
            var download = sale.Client.GetAsync(sale.Link, cancel.Token);
            await hangUp.Reached.Task.WaitAsync(Patience.For(TimeSpan.FromSeconds(30)));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        }

        await sale.AssertInterruptedWithTheUseGivenBackAsync();
        Assert.True(hangUp.SawTheClientGo, "the shop never noticed the client hanging up during the reservation");
        sale.Shop.App.Logs.AssertNoErrors();

        using var again = await sale.Client.GetAsync(sale.Link);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([DownloadOutcomes.Interrupted, DownloadOutcomes.Delivered], await sale.SettledOutcomesAsync(2));
        Assert.Equal(2, (await sale.EntitlementAsync()).UsesLeft);
        sale.Shop.App.Logs.AssertNoErrors();
    }

    /// <summary>Holds the first reservation's UPDATE, once it has run, until the request it serves is aborted.</summary>
    private sealed class HangUpDuringReservation : DbCommandInterceptor
    {
        private IHttpContextAccessor? http;
        private int fired;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool SawTheClientGo { get; private set; }

        public HangUpDuringReservation Watching(IHttpContextAccessor accessor)
        {
            http = accessor;
            return this;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("uses_left = uses_left - 1", StringComparison.Ordinal) && Interlocked.Exchange(ref fired, 1) == 0
                && http?.HttpContext?.RequestAborted is { } aborted)
            {
                Reached.SetResult();
                try
                {
                    await Task.Delay(Patience.For(TimeSpan.FromSeconds(30)), aborted);
                }
                catch (OperationCanceledException)
                {
                    SawTheClientGo = true;
                }
            }
            return result;
        }
    }
}
