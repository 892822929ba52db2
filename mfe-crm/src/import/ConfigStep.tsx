/** Step 4: deduplication, what to do with a duplicate, who gets the new contacts, tags to add. */
import { Checkbox, Flex, Form, Radio, Select, Typography, type FormInstance } from 'antd';
import { fullName, useAbility } from '@digiweb/shared-ui';
import {
  MAX_TAGS,
  type ImportAssignmentMode,
  type ImportDedupKey,
  type ImportOnDuplicate,
} from '@digiweb/api/contracts';
import { useDirectory } from '../lookups';

export interface ImportConfigValues {
  dedupBy: ImportDedupKey[];
  onDuplicate: ImportOnDuplicate;
  assignment: ImportAssignmentMode;
  assignTo?: string;
  tags: string[];
}

export const DEFAULT_CONFIG: ImportConfigValues = {
  dedupBy: ['email', 'phone'],
  onDuplicate: 'skip',
  assignment: 'none',
  tags: [],
};

export function ConfigStep({ form }: { form: FormInstance<ImportConfigValues> }) {
  const ability = useAbility();
  const canAssign = ability.can('assign', 'Contact');
  const reps = useDirectory('sales', canAssign);
  const assignment = Form.useWatch('assignment', form);
  const dedupBy = Form.useWatch('dedupBy', form);

  return (
    <Form<ImportConfigValues> form={form} layout="vertical" initialValues={DEFAULT_CONFIG} data-testid="import-config">
      <Form.Item
        label="Dédoublonnage"
        name="dedupBy"
        extra="Comparaison sans tenir compte de la casse ni du format du numéro, dans le fichier et avec les contacts existants."
      >
        <Checkbox.Group
          options={[
            { value: 'email', label: 'Même e-mail' },
            { value: 'phone', label: 'Même téléphone' },
          ]}
        />
      </Form.Item>
      <Form.Item label="Si le contact existe déjà" name="onDuplicate">
        <Radio.Group disabled={!dedupBy?.length}>
          <Radio value="skip">Ignorer la ligne</Radio>
          <Radio value="update">Mettre à jour le contact existant (cellules remplies seulement, tags ajoutés)</Radio>
        </Radio.Group>
      </Form.Item>
      {canAssign ? (
        <>
          <Form.Item label="Assignation des nouveaux contacts" name="assignment">
            <Radio.Group>
              <Flex vertical gap={4}>
                <Radio value="none">Aucune (non assignés)</Radio>
                <Radio value="round_robin">Répartition automatique entre les commerciaux actifs (à tour de rôle)</Radio>
                <Radio value="one">À un commercial</Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
          {assignment === 'one' && (
            <Form.Item
              label="Commercial"
              name="assignTo"
              rules={[{ required: true, message: 'Choisissez le commercial.' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="Choisir un commercial"
                loading={reps.isFetching}
                options={(reps.data ?? []).map((m) => ({ value: m.id, label: fullName(m) }))}
              />
            </Form.Item>
          )}
        </>
      ) : (
        <Typography.Paragraph type="secondary">Les nouveaux contacts vous seront assignés.</Typography.Paragraph>
      )}
      <Form.Item
        label="Tags à ajouter"
        name="tags"
        rules={[{ type: 'array', max: MAX_TAGS, message: `${MAX_TAGS} tags au maximum.` }]}
        extra="Ajoutés à chaque contact importé (et aux contacts mis à jour)."
      >
        <Select
          mode="tags"
          placeholder="Ex. : Salon 2026"
          maxCount={MAX_TAGS}
          tokenSeparators={[',', ';']}
          aria-label="Tags à ajouter"
        />
      </Form.Item>
    </Form>
  );
}
