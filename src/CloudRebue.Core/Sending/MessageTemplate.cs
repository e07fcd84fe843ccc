using System;
using System.Collections.Generic;
using System.Text;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// A text with <c>{Field}</c> placeholders filled from each input row (-Template): a mail merge without a
    /// ForEach-Object first. <c>{{</c> and <c>}}</c> stand for literal braces. Values are inserted as they are,
    /// in one pass, so a value that itself contains <c>{X}</c> is never expanded. A row that has no value for a
    /// field is not filled at all: sending "Dear , ..." to a customer is worse than not sending.
    /// </summary>
    internal sealed class MessageTemplate
    {
        private const int MaxFieldLength = 100;

        // Literal text and field names in order; a field is marked by a non-null name.
        private readonly List<(string? Literal, string? Field)> _parts;

        private MessageTemplate(string text, List<(string? Literal, string? Field)> parts, IReadOnlyList<string> fields)
        {
            Text = text;
            _parts = parts;
            Fields = fields;
        }

        /// <summary>The template as given.</summary>
        public string Text { get; }

        /// <summary>The distinct field names, in the order they first appear.</summary>
        public IReadOnlyList<string> Fields { get; }

        /// <summary>Reads a template; a brace that opens or closes nothing is refused with its position.</summary>
        /// <exception cref="FormatException">The template is malformed; the message says where and how to fix it.</exception>
        public static MessageTemplate Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var parts = new List<(string? Literal, string? Field)>();
            var fields = new List<string>();
            var literal = new StringBuilder();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    literal.Append('{');
                    i += 2;
                }
                else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                }
                else if (c == '}')
                {
                    throw Malformed(text, i, "a '}' that closes no '{'");
                }
                else if (c == '{')
                {
                    int close = text.IndexOfAny(new[] { '{', '}' }, i + 1);
                    if (close < 0 || text[close] == '{')
                    {
                        throw Malformed(text, i, "a '{' that is not closed by '}'");
                    }

                    string name = text.Substring(i + 1, close - i - 1).Trim();
                    if (name.Length == 0 || name.Length > MaxFieldLength)
                    {
                        throw Malformed(text, i, name.Length == 0 ? "an empty field '{}'" : "a field name longer than " + MaxFieldLength + " characters");
                    }

                    if (literal.Length > 0)
                    {
                        parts.Add((literal.ToString(), null));
                        literal.Clear();
                    }

                    parts.Add((null, name));
                    if (!fields.Contains(name))
                    {
                        fields.Add(name);
                    }

                    i = close + 1;
                }
                else
                {
                    literal.Append(c);
                    i++;
                }
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null));
            }

            return new MessageTemplate(text, parts, fields);
        }

        /// <summary>
        /// Fills the template; <paramref name="valueOf"/> gives a field's text, or null when the row has no such
        /// field. The first field with no value, or a blank one, is named in the result instead of a text.
        /// </summary>
        public TemplateFill Fill(Func<string, string?> valueOf)
        {
            if (valueOf == null)
            {
                throw new ArgumentNullException(nameof(valueOf));
            }

            var text = new StringBuilder(Text.Length + 32);
            foreach ((string? literal, string? field) in _parts)
            {
                if (field == null)
                {
                    text.Append(literal);
                    continue;
                }

                string? value = valueOf(field);
                if (value == null)
                {
                    return TemplateFill.Missing(field, isBlank: false);
                }

                if (value.Trim().Length == 0)
                {
                    return TemplateFill.Missing(field, isBlank: true);
                }

                text.Append(value);
            }

            return TemplateFill.Filled(text.ToString());
        }

        /// <inheritdoc />
        public override string ToString() => Text;

        private static FormatException Malformed(string text, int index, string what) =>
            new FormatException($"The template has {what} at character {index + 1} (\"{Excerpt(text, index)}\"). Write a field as {{Name}}, and a literal brace as {{{{ or }}}}.");

        private static string Excerpt(string text, int index)
        {
            int start = Math.Max(0, index - 10);
            int length = Math.Min(text.Length - start, 25);
            return text.Substring(start, length);
        }
    }
}
