namespace Storefront.Payments.Orders;

/// <summary>How an order of several products is named where one line of text must do (lists, searches, email subjects).</summary>
public static class OrderTitles
{
    public static string Summary(IReadOnlyList<string> titles) => titles.Count switch
    {
        0 => "",
        1 => titles[0],
        2 => $"{titles[0]} and {titles[1]}",
        _ => $"{string.Join(", ", titles.Take(titles.Count - 1))} and {titles[^1]}",
    };
}
