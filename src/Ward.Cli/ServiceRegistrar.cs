using System.Collections;
using Spectre.Console.Cli;

namespace Ward.Cli;

/// <summary>A minimal type registrar so commands can receive the console and the clock (fakeable in tests).</summary>
internal sealed class ServiceRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Activate(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterInstance<T>(T implementation)
        where T : notnull => RegisterInstance(typeof(T), implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        Add(service, () => lazy.Value);
    }

    public ITypeResolver Build() => new Resolver(this);

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list))
        {
            list = [];
            _factories[service] = list;
        }

        list.Add(factory);
    }

    private object Activate(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType) ?? throw new InvalidOperationException($"cannot resolve `{p.ParameterType}` for `{type}`")).ToArray();
        return constructor.Invoke(arguments);
    }

    private object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = _factories.TryGetValue(element, out var all) ? all.Select(f => f()).ToList() : [];
            var array = Array.CreateInstance(element, items.Count);
            ((IList)items).CopyTo(array, 0);
            return array;
        }

        if (_factories.TryGetValue(type, out var factories))
        {
            return factories[^1]();
        }

        return type.IsAbstract || type.IsInterface ? null : Activate(type);
    }

    private sealed class Resolver(ServiceRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
