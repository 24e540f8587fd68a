using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Storefront.Tests.Modules;

/// <summary>Decodes a signature into the full names of every type it mentions, generic arguments included.</summary>
internal sealed class SignatureTypeNames : ISignatureTypeProvider<IReadOnlyList<string>, object?>
{
    public static readonly SignatureTypeNames Instance = new();

    private static readonly IReadOnlyList<string> None = [];

    public IReadOnlyList<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

    public IReadOnlyList<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        [FullName(reader, handle)];

    public IReadOnlyList<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        [FullName(reader, handle)];

    public IReadOnlyList<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public IReadOnlyList<string> GetGenericInstantiation(IReadOnlyList<string> genericType, ImmutableArray<IReadOnlyList<string>> typeArguments) =>
        [.. genericType, .. typeArguments.SelectMany(a => a)];

    public IReadOnlyList<string> GetFunctionPointerType(MethodSignature<IReadOnlyList<string>> signature) =>
        [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

    public IReadOnlyList<string> GetSZArrayType(IReadOnlyList<string> elementType) => elementType;

    public IReadOnlyList<string> GetArrayType(IReadOnlyList<string> elementType, ArrayShape shape) => elementType;

    public IReadOnlyList<string> GetByReferenceType(IReadOnlyList<string> elementType) => elementType;

    public IReadOnlyList<string> GetPointerType(IReadOnlyList<string> elementType) => elementType;

    public IReadOnlyList<string> GetPinnedType(IReadOnlyList<string> elementType) => elementType;

    public IReadOnlyList<string> GetModifiedType(IReadOnlyList<string> modifier, IReadOnlyList<string> unmodifiedType, bool isRequired) => unmodifiedType;

    public IReadOnlyList<string> GetGenericMethodParameter(object? genericContext, int index) => None;

    public IReadOnlyList<string> GetGenericTypeParameter(object? genericContext, int index) => None;

    /// <summary>The name as <see cref="Type.FullName"/> spells it: namespace, dots, and <c>+</c> before a nested type.</summary>
    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } declaring
            ? FullName(reader, declaring) + "+" + name
            : Qualified(reader.GetString(type.Namespace), name);
    }

    public static string FullName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? FullName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : Qualified(reader.GetString(type.Namespace), name);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
