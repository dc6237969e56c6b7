import type { JSX } from 'preact';
import type { FieldSpec } from '../../../shared/form-spec';
import { Field } from './Field';
import { FieldGroup } from './FieldGroup';
import { fieldIds, groupIds } from './field-ids';
import type { Block } from './layout-fields';
import type { FieldForm } from './use-field-form';

/** The form's fields as laid out: single fields, two-column rows and rule groups. */
export function FieldBlocks({ form }: { form: FieldForm }) {
  const { values, errors, idPrefix, t, onChange, onBlur } = form;

  const renderField = (field: FieldSpec, groupError: string | undefined) => (
    <Field
      key={field.name}
      field={field}
      value={values[field.name]}
      error={errors[field.name]?.code}
      ids={fieldIds(idPrefix, field)}
      groupError={groupError}
      t={t}
      onChange={onChange}
      onBlur={onBlur}
    />
  );

  const renderBlock = (block: Block, index: number, groupError?: string): JSX.Element => {
    if (block.kind === 'field') return renderField(block.field, groupError);
    if (block.kind === 'row')
      return (
        <div class={`row row-${block.shape}`} key={block.fields[0].name}>
          {block.fields.map((f) => renderField(f, groupError))}
        </div>
      );
    const ids = groupIds(idPrefix, index);
    const error = block.rule.kind === 'at-least-one' ? errors[block.rule.name]?.code : undefined;
    return (
      <FieldGroup key={`group-${index}`} block={block} ids={ids} error={error} t={t}>
        {block.blocks.map((b, i) => renderBlock(b, i, error ? ids.error : undefined))}
      </FieldGroup>
    );
  };

  return <>{form.blocks.map((b, i) => renderBlock(b, i))}</>;
}
