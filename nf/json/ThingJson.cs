using System;
using System.Collections;
using System.Reflection;
using LinkKit.Nano.Text;
using nanoFramework.Json;

namespace LinkKit.Nano.Json
{
    /// <summary>
    /// Thing-model messages as objects, through nanoFramework.Json: post a class's public properties (each value checked
    /// against the thing model by the SDK's <see cref="ThingWriter"/>, as a hand-written Write call would be), and read
    /// property sets and service inputs into a <see cref="Hashtable"/> or into a class. An optional assembly for apps that
    /// prefer objects to writers and can afford the allocations (the SDK itself allocates nothing per message; this path
    /// serializes through strings and reflection: see docs/README-json.md for the figures).
    /// </summary>
    /// <remarks>
    /// <para>
    /// nanoFramework.Json serializes public properties with a getter (not fields) and orders them as its Hashtable does.
    /// How each C# value reaches the writer: int, long, short, byte and their unsigned kinds, and enums (nanoFramework
    /// writes an enum as its number), as integers (an int, enum, bool 0/1, float, double or date node takes them);
    /// float and double as doubles, except integral values, which nanoFramework.Json writes without a fraction and so go
    /// as integers too; bool as a bool; string, char, DateTime, TimeSpan and Guid as text (nanoFramework.Json writes the
    /// last three as strings, so a TSL date takes a long of UTC milliseconds, not a DateTime); a class or a Hashtable as a
    /// struct; an array or an ArrayList as an array. A null property is left out of the message, and so is a NaN
    /// (nanoFramework.Json writes NaN as null).
    /// </para>
    /// <para>
    /// Unsupported (a <see cref="NotSupportedException"/> naming the member and its type, nothing sent): a struct or
    /// another value type nanoFramework.Json cannot write (it writes no JSON for it), an array directly inside an array
    /// (no thing model holds one), a value that does not serialize to a JSON object at the top. Every other refusal is the
    /// writer's own error code, returned, with nothing sent.
    /// </para>
    /// </remarks>
    public static partial class ThingJson
    {
        /// <summary>
        /// Posts the public properties of <paramref name="properties"/> (a class or a Hashtable) as a property post
        /// (<see cref="LinkKitClient.BeginPropertyPost"/> … <see cref="LinkKitClient.EndPropertyPost"/>), each checked
        /// against the thing model by the writer.
        /// </summary>
        /// <param name="client">The client (ThingSetup called).</param>
        /// <param name="properties">The values, by property identifier.</param>
        /// <param name="requestId">The Alink id of the request; 0 unless Ok.</param>
        /// <returns>As <see cref="LinkKitClient.EndPropertyPost"/>, or the first error of <see cref="WriteJson"/>; nothing is sent unless Ok.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="NotSupportedException">A member's type cannot be written (the message names it).</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public static int PostProperties(this LinkKitClient client, object properties, out long requestId)
        {
            requestId = 0;
            if (client == null) throw new ArgumentNullException("client");
            byte[] json = Serialize(properties, "properties");
            MemberWalker walker = Walker();
            ThingWriter writer = client.BeginPropertyPost();
            Exception failure;
            int rc = Feed(walker, writer, json, out failure);
            if (rc != ErrorCode.Ok)
            {
                client.CancelPost();
                if (failure != null) throw failure;
                ThrowIfUnsupported(walker, properties);
                return rc;
            }

            return client.EndPropertyPost(out requestId);
        }

        /// <summary>
        /// Posts event <paramref name="eventIdentifier"/> with the public properties of <paramref name="output"/> as its
        /// output values (<see cref="LinkKitClient.BeginEventPost"/> … <see cref="LinkKitClient.EndEventPost"/>).
        /// </summary>
        /// <returns>As <see cref="LinkKitClient.EndEventPost"/>, or the first error of <see cref="WriteJson"/>; nothing is sent unless Ok.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="NotSupportedException">A member's type cannot be written (the message names it).</exception>
        public static int PostEvent(this LinkKitClient client, string eventIdentifier, object output, out long requestId)
        {
            requestId = 0;
            if (client == null) throw new ArgumentNullException("client");
            if (eventIdentifier == null) throw new ArgumentNullException("eventIdentifier");
            byte[] json = Serialize(output, "output");
            MemberWalker walker = Walker();
            ThingWriter writer = client.BeginEventPost(eventIdentifier);
            Exception failure;
            int rc = Feed(walker, writer, json, out failure);
            if (rc != ErrorCode.Ok)
            {
                client.CancelPost();
                if (failure != null) throw failure;
                ThrowIfUnsupported(walker, output);
                return rc;
            }

            return client.EndEventPost(out requestId);
        }

        /// <summary>
        /// Answers <paramref name="call"/> with <paramref name="code"/> and the public properties of
        /// <paramref name="output"/> as the service's output data
        /// (<see cref="LinkKitClient.BeginServiceAnswer(ServiceCall, int)"/> … <see cref="LinkKitClient.EndServiceAnswer"/>).
        /// Call it inside the <see cref="LinkKitClient.ServiceCalled"/> handler.
        /// </summary>
        /// <returns>As <see cref="LinkKitClient.EndServiceAnswer"/>, or the first error of <see cref="WriteJson"/>; nothing is sent unless Ok.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="NotSupportedException">A member's type cannot be written (the message names it).</exception>
        public static int AnswerService(this LinkKitClient client, ServiceCall call, int code, object output)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (call == null) throw new ArgumentNullException("call");
            byte[] json = Serialize(output, "output");
            MemberWalker walker = Walker();
            ThingWriter writer = client.BeginServiceAnswer(call, code);
            Exception failure;
            int rc = Feed(walker, writer, json, out failure);
            if (rc != ErrorCode.Ok)
            {
                client.CancelServiceAnswer();
                if (failure != null) throw failure;
                ThrowIfUnsupported(walker, output);
                return rc;
            }

            return client.EndServiceAnswer();
        }

        /// <summary>
        /// Writes the public properties of <paramref name="value"/> into a writer the SDK lent (any Begin… call: property
        /// post, event post, service answer, shadow update), as <see cref="WriteJson"/> writes JSON text.
        /// </summary>
        /// <returns>As <see cref="WriteJson"/>. On an error the writer is left failed, so its End call sends nothing; after an exception (NotSupportedException, or one from a getter) cancel the message.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="NotSupportedException">A member's type cannot be written (the message names it).</exception>
        public static int WriteObject(this ThingWriter writer, object value)
        {
            if (writer == null) throw new ArgumentNullException("writer");
            byte[] json = Serialize(value, "value");
            MemberWalker walker = Walker();
            int rc = walker.Write(writer, json, 0, json.Length);
            if (rc != ErrorCode.Ok) ThrowIfUnsupported(walker, value);
            return rc;
        }

        /// <summary>
        /// Reads the current value of <paramref name="reader"/> (positioned as for <see cref="ReadValue"/>: the reader the
        /// SDK lends to <see cref="LinkKitClient.PropertySet"/>, or <see cref="ServiceCall.Parameters"/>) into a new
        /// <paramref name="type"/> with nanoFramework.Json's <c>JsonConvert.DeserializeObject(string, Type)</c>, from the
        /// value's JSON text (<see cref="GetJson"/>). nanoFramework.Json's rules apply: members matched by name (case
        /// sensitive), properties need a public setter; <c>typeof(Hashtable)</c> gives its own Hashtable tree.
        /// </summary>
        /// <returns>The new object; null for broken JSON.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidOperationException">The reader stands on the end of an object or array.</exception>
        /// <exception cref="Exception">What nanoFramework.Json throws for text it cannot map (e.g. <c>DeserializationException</c>).</exception>
        public static object ReadObject(this JsonReader reader, Type type)
        {
            if (type == null) throw new ArgumentNullException("type");
            string json = GetJson(reader);
            if (json == null) return null;
            return JsonConvert.DeserializeObject(json, type);
        }

        /// <summary>
        /// Feeds the serialized members into the lent writer. An exception (out of memory in the middle, say) is caught and
        /// handed back, so the caller gives the writer back (Cancel…) before throwing it: other threads wait for it meanwhile.
        /// </summary>
        private static int Feed(MemberWalker walker, ThingWriter writer, byte[] json, out Exception failure)
        {
            failure = null;
            try
            {
                return walker.Write(writer, json, 0, json.Length);
            }
            catch (Exception e)
            {
                failure = e;
                return ErrorCode.Malformed;
            }
        }

        /// <summary>A walker for text nanoFramework.Json wrote (doubles rounded to the digits a double keeps).</summary>
        private static MemberWalker Walker()
        {
            return new MemberWalker(true);
        }

        /// <summary>nanoFramework.Json's text of <paramref name="value"/>, as UTF-8.</summary>
        private static byte[] Serialize(object value, string parameter)
        {
            if (value == null) throw new ArgumentNullException(parameter);
            string text = JsonConvert.SerializeObject(value);
            if (text == null)
            {
                throw new NotSupportedException("LinkKit.Nano.Json: nanoFramework.Json cannot serialize a " + value.GetType().FullName
                    + "; post a class with public properties, or a Hashtable.");
            }

            int count = Utf8.GetByteCount(text);
            if (count < 0) throw new ArgumentException("The serialized text is not valid UTF-16.", parameter);
            byte[] json = new byte[count];
            Utf8.Encode(text, json, 0, count);
            return json;
        }

        /// <summary>Turns a walk stopped by the JSON (not by a value) into the exception that names the member and its type.</summary>
        private static void ThrowIfUnsupported(MemberWalker walker, object root)
        {
            string path = walker.FailedPath;
            switch (walker.Unsupported)
            {
                case MemberWalker.StopNotObject:
                    throw new NotSupportedException("LinkKit.Nano.Json: a " + root.GetType().FullName
                        + " does not serialize to a JSON object; post a class with public properties, or a Hashtable.");
                case MemberWalker.StopNestedArray:
                    throw new NotSupportedException("LinkKit.Nano.Json: " + path + " (" + TypeName(walker, root)
                        + ") is an array inside an array, which no thing model holds (array items are int, float, double, text or struct).");
                case MemberWalker.StopMalformed:
                    string type = TypeName(walker, root);
                    throw new NotSupportedException("LinkKit.Nano.Json: nanoFramework.Json wrote no valid JSON for " + path + " (" + type + "); "
                        + (type == "System.String"
                            ? "it escapes no control character in a string but \\n, \\r, \\t, \\b and \\f."
                            : "it writes numbers, bool, string, enums, DateTime, TimeSpan, Guid, arrays, ArrayList, Hashtable and classes, not structs or other value types."));
            }
        }

        /// <summary>The type of the value the walk stopped on, found by following its path through the object; "?" when it cannot be followed.</summary>
        private static string TypeName(MemberWalker walker, object root)
        {
            object current = root;
            for (int d = 0; d <= walker.FailedDepth && current != null; d++)
            {
                if (walker.IsElement(d))
                {
                    IList list = current as IList;
                    int index = walker.IndexAt(d);
                    if (list == null || index < 0 || index >= list.Count) return "?";
                    current = list[index];
                }
                else
                {
                    string name = walker.NameAt(d);
                    if (name == null) continue;
                    IDictionary dictionary = current as IDictionary;
                    if (dictionary != null)
                    {
                        current = dictionary[name];
                        continue;
                    }

                    MethodInfo getter = current.GetType().GetMethod("get_" + name);
                    if (getter == null) return "?";
                    current = getter.Invoke(current, null);
                }
            }

            return current == null ? "null" : current.GetType().FullName;
        }
    }
}
