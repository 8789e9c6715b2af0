using System;
using System.Reflection;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Turns an app slot's bytes into a running entry point: <c>Assembly.Load(byte[])</c>, then the one class of the
    /// assembly implementing <see cref="IAppEntry"/>, created through its parameterless constructor. Verify the
    /// bytes first (<see cref="AppSlots.Verify"/>): loading is irreversible until the next reboot.
    /// </summary>
    /// <remarks>
    /// nanoCLR keeps the very array as the assembly's image (no copy) for as long as the device runs, and resolves
    /// the assembly's references at load: every assembly the app uses must already be deployed with the loader, at
    /// the same major.minor version. A byte array that is not an assembly loads as null rather than throwing.
    /// </remarks>
    public static class AppLoader
    {
        /// <summary>Loads <paramref name="image"/> and creates its entry point.</summary>
        /// <returns>The entry point, or null with the reason in <paramref name="error"/> (then reject the slot).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
        public static IAppEntry Load(byte[] image, out string error)
        {
            if (image == null) throw new ArgumentNullException("image");
            Assembly assembly = null;
            error = null;
            try
            {
                assembly = Assembly.Load(image);
            }
            catch (Exception e)
            {
                error = "not loadable: " + e.Message;   // e.g. a reference the loader did not deploy
                return null;
            }
            if (assembly == null)
            {
                error = "not a nanoFramework assembly";
                return null;
            }
            return FindEntry(assembly, out error);
        }

        /// <summary>Creates the entry point of an assembly already loaded.</summary>
        /// <returns>The entry point, or null with the reason in <paramref name="error"/>: none or several classes
        /// implement <see cref="IAppEntry"/>, or the constructor is missing or threw.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is null.</exception>
        public static IAppEntry FindEntry(Assembly assembly, out string error)
        {
            if (assembly == null) throw new ArgumentNullException("assembly");
            error = null;
            string wanted = typeof(IAppEntry).FullName;
            Type found = null;
            Type[] types = assembly.GetTypes();
            for (int i = 0; i < types.Length; i++)
            {
                Type type = types[i];
                if (type.IsInterface || type.IsAbstract || !Implements(type, wanted)) continue;
                if (found != null)
                {
                    error = "more than one IAppEntry: " + found.FullName + ", " + type.FullName;
                    return null;
                }
                found = type;
            }
            if (found == null)
            {
                error = "no class implements IAppEntry";
                return null;
            }
            ConstructorInfo constructor = found.GetConstructor(new Type[0]);
            if (constructor == null)
            {
                error = found.FullName + " has no public parameterless constructor";
                return null;
            }
            object entry = null;
            try
            {
                entry = constructor.Invoke(new object[0]);
            }
            catch (Exception e)
            {
                error = found.FullName + "() threw: " + e.Message;
                return null;
            }
            // The cast is the final word: a same-named interface from another assembly is not this one.
            IAppEntry app = entry as IAppEntry;
            if (app == null) error = found.FullName + " implements another IAppEntry";
            return app;
        }

        // Compared by full name: nanoCLR makes a new Type object for every reflection result.
        private static bool Implements(Type type, string interfaceName)
        {
            Type[] interfaces = type.GetInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaceName.Equals(interfaces[i].FullName)) return true;
            }
            return false;
        }
    }
}
