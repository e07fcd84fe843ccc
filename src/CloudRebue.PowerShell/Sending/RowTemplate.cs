using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// -Template for a bound row: fills its text from the row's own columns (matched like every other column,
    /// <see cref="InputColumns"/>), or marks the row as one that cannot be sent, naming the field and the row.
    /// A Message column or -Message is never expanded: only -Template is.
    /// </summary>
    internal sealed class RowTemplate
    {
        private readonly MessageTemplate _template;

        public RowTemplate(MessageTemplate template) => _template = template;

        /// <param name="row">The bound row; its Message is replaced, or it is marked as one that cannot be sent.</param>
        /// <param name="columns">The row's columns, as its binder read them.</param>
        public void Apply(SendRow row, RowColumns columns)
        {
            if (row.ProblemId != null)
            {
                return; // already unreadable (no phone column): that is the first thing to fix
            }

            TemplateFill fill = _template.Fill(columns.Field);
            if (fill.IsFilled)
            {
                row.Message = fill.Text;
                return;
            }

            row.Message = null;
            row.ProblemId = SendErrorIds.TemplateFieldMissing;
            row.Problem = fill.Describe(row.Row, columns.Names) + " Nothing was sent to this row.";
        }
    }
}
