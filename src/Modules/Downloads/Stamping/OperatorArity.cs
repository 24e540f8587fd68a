namespace Storefront.Downloads.Stamping;

/// <summary>The operand counts content-stream operators require (PDF 32000 Annex A), keyed without allocating.</summary>
internal static class OperatorArity
{
    // Pack(op): the length, then each byte, shifted in from the right.
    public const int SaveKey = (1 << 8) | 'q';
    public const int RestoreKey = (1 << 8) | 'Q';
    public const int BeginTextKey = (((2 << 8) | 'B') << 8) | 'T';
    public const int EndTextKey = (((2 << 8) | 'E') << 8) | 'T';
    public const int BeginMarkedKey = (((((3 << 8) | 'B') << 8) | 'M') << 8) | 'C';
    public const int BeginMarkedPropertiesKey = (((((3 << 8) | 'B') << 8) | 'D') << 8) | 'C';
    public const int EndMarkedKey = (((((3 << 8) | 'E') << 8) | 'M') << 8) | 'C';

    private static readonly Dictionary<int, int> Arity = Build();

    /// <summary>Operators are at most three bytes; longer tokens are unknown operators and get key 0.</summary>
    public static int Key(ReadOnlySpan<byte> op) => op.Length is > 0 and <= 3 ? Pack(op) : 0;

    /// <summary>Required operands; 0 for unknown operators and those taking a variable number.</summary>
    public static int Required(int key) => Arity.GetValueOrDefault(key);

    private static int Pack(ReadOnlySpan<byte> op)
    {
        var key = op.Length;
        foreach (var b in op)
        {
            key = (key << 8) | b;
        }
        return key;
    }

    private static Dictionary<int, int> Build()
    {
        var table = new Dictionary<int, int>();
        void Add(int count, params string[] ops)
        {
            foreach (var op in ops)
            {
                table[Pack(System.Text.Encoding.ASCII.GetBytes(op))] = count;
            }
        }
        Add(1, "BMC", "CS", "cs", "Do", "G", "g", "gs", "i", "j", "J", "M", "MP", "ri", "sh", "Tc", "TL", "Tr", "Ts", "Tw", "Tz", "w", "Tj", "TJ", "'");
        Add(2, "BDC", "d", "d0", "DP", "l", "m", "Td", "TD", "Tf");
        Add(3, "RG", "rg", "\"");
        Add(4, "K", "k", "re", "v", "y");
        Add(6, "c", "cm", "d1", "Tm");
        return table;
    }
}
