using System.Reflection;

namespace Storefront.Core.Modules;

public sealed record ModuleDescriptor(string Name, string Description, IReadOnlyList<string> Dependencies, Type StartupType)
{
    public Assembly Assembly => StartupType.Assembly;

    public static ModuleDescriptor For(Type startupType)
    {
        if (!typeof(ModuleStartup).IsAssignableFrom(startupType))
        {
            throw new ModuleConfigurationException($"{startupType.FullName} is not a {nameof(ModuleStartup)}.");
        }

        var attribute = startupType.Assembly.GetCustomAttribute<ModuleAttribute>()
            ?? throw new ModuleConfigurationException(
                $"The assembly {startupType.Assembly.GetName().Name} has no [assembly: Module(...)] attribute.");
        return new ModuleDescriptor(attribute.Name, attribute.Description, attribute.Dependencies, startupType);
    }
}

public sealed class ModuleConfigurationException(string message) : Exception(message);
