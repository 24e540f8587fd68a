namespace Storefront.Host.Hosting;

/// <summary>A comma-separated list of CIDR ranges, as every network setting of the host is written.</summary>
internal static class NetworkList
{
    public static bool TryParse(string list, out List<System.Net.IPNetwork> networks)
    {
        networks = [];
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.IPNetwork.TryParse(part, out var network))
            {
                return false;
            }

            networks.Add(network);
        }

        return true;
    }
}
