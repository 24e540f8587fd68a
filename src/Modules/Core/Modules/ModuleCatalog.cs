using Microsoft.Extensions.Configuration;

namespace Storefront.Core.Modules;

/// <summary>
/// The modules the host was built with, minus those switched off by configuration
/// (<c>Modules__{Name}__Enabled=false</c>), in an order where every module follows its dependencies.
/// </summary>
public sealed class ModuleCatalog
{
    private ModuleCatalog(IReadOnlyList<ModuleDescriptor> enabled, IReadOnlyList<ModuleDescriptor> disabled)
    {
        Enabled = enabled;
        Disabled = disabled;
    }

    public IReadOnlyList<ModuleDescriptor> Enabled { get; }

    public IReadOnlyList<ModuleDescriptor> Disabled { get; }

    public bool IsEnabled(string name) => Enabled.Any(m => m.Name == name);

    public static ModuleCatalog Build(IEnumerable<Type> startupTypes, IConfiguration configuration)
    {
        var all = startupTypes.Select(ModuleDescriptor.For).ToList();
        var duplicate = all.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModuleConfigurationException($"Module '{duplicate.Key}' is listed twice.");
        }

        var enabled = all.Where(m => configuration.GetValue($"Modules:{m.Name}:Enabled", true)).ToList();
        var disabled = all.Except(enabled).ToList();
        foreach (var module in enabled)
        {
            foreach (var dependency in module.Dependencies)
            {
                if (disabled.Any(d => d.Name == dependency))
                {
                    throw new ModuleConfigurationException(
                        $"Module '{module.Name}' depends on '{dependency}', which is switched off " +
                        $"(Modules__{dependency}__Enabled=false). Switch '{module.Name}' off too, or turn '{dependency}' back on.");
                }

                if (all.All(d => d.Name != dependency))
                {
                    throw new ModuleConfigurationException(
                        $"Module '{module.Name}' depends on '{dependency}', which this host does not include.");
                }
            }
        }

        return new ModuleCatalog(SortByDependencies(enabled), disabled);
    }

    private static List<ModuleDescriptor> SortByDependencies(List<ModuleDescriptor> modules)
    {
        var sorted = new List<ModuleDescriptor>();
        var visiting = new HashSet<string>();
        void Visit(ModuleDescriptor module)
        {
            if (sorted.Contains(module))
            {
                return;
            }

            if (!visiting.Add(module.Name))
            {
                throw new ModuleConfigurationException($"Module dependencies form a cycle through '{module.Name}'.");
            }

            foreach (var dependency in module.Dependencies)
            {
                Visit(modules.Single(m => m.Name == dependency));
            }

            sorted.Add(module);
        }

        modules.ForEach(Visit);
        return sorted;
    }
}
