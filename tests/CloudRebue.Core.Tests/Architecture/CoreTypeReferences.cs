using System.Reflection;
using System.Reflection.Emit;

namespace CloudRebue.Core.Tests.Architecture;

/// <summary>
/// Which of the engine's own types each of its types uses: in signatures (base types, fields, properties,
/// parameters, locals) and in method bodies (every type, method and field token of the IL), compiler-made
/// types (lambdas, async state machines) counted as part of the type that declares them.
/// </summary>
public static class CoreTypeReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Pairs (folder of the user, folder of the used type) for every use across folders, with an example.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> FolderEdges(Assembly core)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (Type type in core.GetTypes())
        {
            string? from = FolderOf(type);
            if (from == null)
            {
                continue;
            }

            foreach (Type used in Uses(type).SelectMany(Flatten))
            {
                string? to = used.Assembly == core ? FolderOf(used) : null;
                if (to != null && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    /// <summary>The folder under CloudRebue.Core a type lives in (Receipts.Http counts as Receipts); null outside it.</summary>
    public static string? FolderOf(Type type)
    {
        string? ns = type.Namespace;
        const string Root = "CloudRebue.Core.";
        if (ns == null || !ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        return ns.Substring(Root.Length).Split('.')[0];
    }

    private static IEnumerable<Type> Uses(Type type)
    {
        if (type.BaseType != null)
        {
            yield return type.BaseType;
        }

        foreach (Type i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (FieldInfo field in type.GetFields(Everything))
        {
            yield return field.FieldType;
        }

        foreach (PropertyInfo property in type.GetProperties(Everything))
        {
            yield return property.PropertyType;
        }

        foreach (MethodBase method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (Type used in BodyUses(type, method))
            {
                yield return used;
            }
        }
    }

    private static IEnumerable<Type> BodyUses(Type type, MethodBase method)
    {
        MethodBody? body = method.GetMethodBody();
        if (body == null)
        {
            yield break;
        }

        foreach (LocalVariableInfo local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        byte[] il = body.GetILAsByteArray() ?? Array.Empty<byte>();
        Type[]? typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            int size = OperandSize(op, il, at);
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                MemberInfo member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArgs, methodArgs)!;
                foreach (Type used in TypesOf(member))
                {
                    yield return used;
                }
            }

            at += size;
        }
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member)
    {
        if (member is Type t)
        {
            yield return t;
            yield break;
        }

        if (member.DeclaringType != null)
        {
            yield return member.DeclaringType;
        }

        if (member is MethodInfo { IsGenericMethod: true } generic)
        {
            foreach (Type arg in generic.GetGenericArguments())
            {
                yield return arg;
            }
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    // A type together with what it is made of: element types, generic arguments, and the types that
    // declare a nested type (a lambda's closure class counts as the class that wrote the lambda).
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (Type inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (Type arg in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return arg;
            }
        }
    }
}
