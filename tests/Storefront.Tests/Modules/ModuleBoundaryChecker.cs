using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Modules;

/// <summary>One place where a module's compiled code names another module's entity type or table.</summary>
internal sealed record BoundaryCrossing(string Module, string Owner, string What, string Place)
{
    public override string ToString() => $"{Module} uses {Owner}'s {What} in {Place}";
}

/// <summary>
/// Reads a module's assembly the way the runtime would bind it, without loading it: every type its code and
/// signatures name (type references, generic instantiations such as <c>Set&lt;Product&gt;()</c>, member references,
/// locals) and every string it loads. Compiled Razor views are code in the same assembly, so they are read too.
/// </summary>
internal sealed class ModuleBoundaryChecker
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private readonly IReadOnlyDictionary<string, string> entityOwners;
    private readonly IReadOnlyList<(string Table, string Owner, Regex Sql)> tables;

    /// <param name="entityOwners">Entity type full name → the module whose model contributes it.</param>
    /// <param name="tableOwners">Table name → the module whose model maps it.</param>
    public ModuleBoundaryChecker(IReadOnlyDictionary<string, string> entityOwners, IReadOnlyDictionary<string, string> tableOwners)
    {
        this.entityOwners = entityOwners;
        // A table counts only where SQL names it (after FROM, JOIN, INTO, UPDATE, TABLE, ON or REFERENCES, keywords in
        // capitals as this code base writes SQL), so a page that says "orders" in prose is not a crossing.
        tables = tableOwners.Select(t => (t.Key, t.Value,
            new Regex($@"\b(FROM|JOIN|INTO|UPDATE|TABLE|ON|REFERENCES)\s+""?{Regex.Escape(t.Key)}\b", RegexOptions.CultureInvariant))).ToList();
    }

    public IReadOnlyList<BoundaryCrossing> Check(string module, string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var found = new HashSet<BoundaryCrossing>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = SignatureTypeNames.FullName(reader, typeHandle);
            var names = new List<string>();
            if (!type.BaseType.IsNil)
            {
                names.AddRange(TypesOf(reader, type.BaseType));
            }

            names.AddRange(type.GetInterfaceImplementations().SelectMany(i => TypesOf(reader, reader.GetInterfaceImplementation(i).Interface)));
            names.AddRange(type.GetFields().SelectMany(f => reader.GetFieldDefinition(f).DecodeSignature(SignatureTypeNames.Instance, null)));
            names.AddRange(type.GetProperties().SelectMany(p => Flatten(reader.GetPropertyDefinition(p).DecodeSignature(SignatureTypeNames.Instance, null))));
            Report(module, names, typeName, found);

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var place = typeName + "." + reader.GetString(method.Name);
                Report(module, Flatten(method.DecodeSignature(SignatureTypeNames.Instance, null)), place, found);
                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(module, reader, pe.GetMethodBody(method.RelativeVirtualAddress), place, found);
                }
            }
        }

        return [.. found.OrderBy(c => c.Place, StringComparer.Ordinal).ThenBy(c => c.What, StringComparer.Ordinal)];
    }

    private void ScanBody(string module, MetadataReader reader, MethodBodyBlock body, string place, HashSet<BoundaryCrossing> found)
    {
        if (!body.LocalSignature.IsNil)
        {
            Report(module, reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(SignatureTypeNames.Instance, null)
                .SelectMany(l => l), place, found);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var opCode = OpCodesByValue[first == 0xFE ? unchecked((short)(0xFE00 | il.ReadByte())) : first];
            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    // The count is read first: "Offset += 4 * ReadInt32()" would add to the offset from before the read.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineString:
                    ReportSql(module, reader.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF)), place, found);
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    Report(module, TypesOf(reader, MetadataTokens.EntityHandle(il.ReadInt32())), place, found);
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private static IEnumerable<string> TypesOf(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                return [SignatureTypeNames.FullName(reader, (TypeReferenceHandle)handle)];
            case HandleKind.TypeDefinition:
                return [SignatureTypeNames.FullName(reader, (TypeDefinitionHandle)handle)];
            case HandleKind.TypeSpecification:
                return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(SignatureTypeNames.Instance, null);
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                var signature = member.GetKind() == MemberReferenceKind.Method
                    ? Flatten(member.DecodeMethodSignature(SignatureTypeNames.Instance, null))
                    : member.DecodeFieldSignature(SignatureTypeNames.Instance, null);
                return member.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification or HandleKind.TypeDefinition
                    ? [.. TypesOf(reader, member.Parent), .. signature]
                    : signature;
            case HandleKind.MethodSpecification:
                var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return [.. TypesOf(reader, spec.Method), .. spec.DecodeSignature(SignatureTypeNames.Instance, null).SelectMany(a => a)];
            case HandleKind.StandaloneSignature:
                return Flatten(reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(SignatureTypeNames.Instance, null));
            default:
                // A method or field defined in this assembly: its signature is read with its declaring type.
                return [];
        }
    }

    private static IEnumerable<string> Flatten(MethodSignature<IReadOnlyList<string>> signature) =>
        [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

    private void Report(string module, IEnumerable<string> typeNames, string place, HashSet<BoundaryCrossing> found)
    {
        foreach (var name in typeNames)
        {
            if (entityOwners.TryGetValue(name, out var owner) && owner != module)
            {
                found.Add(new BoundaryCrossing(module, owner, "entity " + name, place));
            }
        }
    }

    private void ReportSql(string module, string text, string place, HashSet<BoundaryCrossing> found)
    {
        foreach (var (table, owner, sql) in tables)
        {
            if (owner != module && sql.IsMatch(text))
            {
                found.Add(new BoundaryCrossing(module, owner, "table " + table, place));
            }
        }
    }
}
