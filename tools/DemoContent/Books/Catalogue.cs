namespace DemoContent.Books;

/// <summary>The books in the demo shop, in the order the recipe lists them.</summary>
public static class Catalogue
{
    public static readonly IReadOnlyList<Book> Books =
    [
        CanBusFieldGuide.Create(),
        SolderingForMakers.Create(),
        PlainTextAccounting.Create(),
        HomeNetworkHardening.Create(),
    ];
}
