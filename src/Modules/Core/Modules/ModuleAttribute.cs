namespace Storefront.Core.Modules;

/// <summary>Declares a module: its name and the modules it cannot run without.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; init; } = "";
    public string[] Dependencies { get; init; } = [];
}
