using System.CommandLine;
using System.Globalization;
using Storefront.Downloads.Tracing;

namespace Storefront.Host.Cli;

/// <summary><c>trace &lt;file&gt;</c>: the admin's "Trace a leak" for the operator's shell, audited the same way.</summary>
internal static class TraceCommand
{
    public const int Traced = 0;
    public const int Unreadable = 1;
    public const int NotTraced = 3;

    public static Command Create(ShopCommandRunner run, Func<Command, Argument<string>, string, Command> withFile)
    {
        var file = new Argument<string>("file") { Description = "The PDF found in the wild." };
        var command = withFile(new Command("trace", "Name the order, buyer, licence code and every delivery of a leaked PDF; exit code 0 traced, 1 unreadable, 3 not traced."),
            file, "trace needs the PDF: trace <file>");
        command.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => RunAsync(services, parsed.GetValue(file)!)));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No file at {path}: nothing was traced.");
            return Unreadable;
        }
        await using var content = File.OpenRead(path);
        var result = await services.GetRequiredService<LeakTracer>()
            .TraceAsync(content, Path.GetFileName(path), $"on the command line as {Environment.UserName}", CancellationToken.None);
        if (result.Copy is not { } copy)
        {
            Console.Error.WriteLine(result.Message);
            Print(Console.Error, result);
            return result.Refusal is null ? NotTraced : Unreadable;
        }
        Console.WriteLine(result.Message);
        Console.WriteLine($"Order:        {copy.OrderNumber}");
        Console.WriteLine($"Product:      {copy.ProductTitle}");
        Console.WriteLine($"Buyer:        {copy.BuyerName ?? "—"} <{copy.BuyerEmail}>");
        Console.WriteLine($"Licence code: {copy.LicenceCode}");
        foreach (var key in copy.LicenceKeys)
        {
            Console.WriteLine($"Licence key:  {key}");
        }
        Console.WriteLine($"Strength:     {result.Strength}");
        Console.WriteLine(copy.Deliveries.Count == 0 ? "Deliveries:   none recorded" : $"Deliveries:   {copy.Deliveries.Count}");
        foreach (var d in copy.Deliveries)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {d.At:yyyy-MM-dd HH:mm:ss}Z  {d.Outcome,-18}  {d.IpAddress ?? "-",-15}  {d.UserAgent ?? "-"}"));
        }
        Print(Console.Out, result);
        return Traced;
    }

    private static void Print(TextWriter writer, TraceResult result)
    {
        foreach (var evidence in result.Evidence)
        {
            writer.WriteLine("Mark: " + LeakTracer.Describe(evidence));
        }
    }
}
