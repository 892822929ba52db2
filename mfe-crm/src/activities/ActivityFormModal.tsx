/** Create / edit form of an activity, in a modal. Validated with the contract's zod schemas, then by the API. */
import { App, Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import { AmountInput, amountRule, errorMessage, fieldErrors, formatDuration, FormModal } from '@digiweb/shared-ui';
import {
  ACTIVITY_MAX_DURATION,
  ACTIVITY_PRIORITIES,
  ACTIVITY_REMINDER_CHOICES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  ACTIVITY_TYPE_LABELS,
  type ActivityDto,
  type ActivityPriority,
  type ActivityStatus,
} from '@digiweb/api/contracts';
import { createActivity, updateActivity } from './api';
import { ContactSelect } from './ContactSelect';
import { PriorityTag, StatusTag, TYPE_ICONS } from './display';
import {
  buildCreateBody,
  buildUpdateBody,
  defaultDueAt,
  fieldProblems,
  valuesFromActivity,
  type ActivityFormValues,
  type FieldProblems,
} from './form';

export interface OwnerOption {
  value: string;
  label: string;
}

const PRIORITY_OPTIONS = ACTIVITY_PRIORITIES.map((p) => ({ value: p, label: <PriorityTag priority={p} /> }));
const STATUS_OPTIONS = ACTIVITY_STATUSES.map((s) => ({ value: s, label: <StatusTag status={s} /> }));
const REMINDER_OPTIONS = [
  { value: 0, label: "À l'heure prévue" },
  ...ACTIVITY_REMINDER_CHOICES.map((m) => ({
    value: m,
    label: `${m >= 1440 ? `${m / 1440} jour${m > 1440 ? 's' : ''}` : formatDuration(m)} avant`,
  })),
];

interface Props {
  open: boolean;
  /** The activity to edit; absent to create one. */
  activity?: ActivityDto;
  canAssign: boolean;
  ownerOptions: OwnerOption[];
  onClose: () => void;
  onSaved: (activity: ActivityDto, created: boolean) => void;
}

export function ActivityFormModal({ open, activity, canAssign, ownerOptions, onClose, onSaved }: Props) {
  return (
    <FormModal open={open} title={activity ? "Modifier l'activité" : 'Nouvelle activité'} onClose={onClose}>
      {({ saving, setSaving }) => (
        <ActivityForm
          key={activity?.id ?? 'new'}
          activity={activity}
          canAssign={canAssign}
          ownerOptions={ownerOptions}
          saving={saving}
          setSaving={setSaving}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </FormModal>
  );
}

interface FormProps extends Omit<Props, 'open'> {
  saving: boolean;
  setSaving: (saving: boolean) => void;
}

function ActivityForm({ activity, canAssign, ownerOptions, saving, setSaving, onClose, onSaved }: FormProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityFormValues>();
  const initialValues: ActivityFormValues = activity
    ? valuesFromActivity(activity)
    : { type: 'call', priority: 'medium', status: 'planned', dueAt: defaultDueAt(), reminderMinutes: null };

  const showProblems = ({ fields, other }: FieldProblems) => {
    if (fields.length) form.setFields(fields);
    message.error(other[0] ?? 'Certaines valeurs sont invalides.');
  };

  const onFinish = async (values: ActivityFormValues) => {
    let request: () => Promise<ActivityDto>;
    if (activity) {
      const built = buildUpdateBody(values, activity);
      if (!built.ok) return showProblems(built.problems);
      if (Object.keys(built.body).length === 0) {
        message.info('Aucune modification à enregistrer.');
        onClose();
        return;
      }
      request = () => updateActivity(activity.id, built.body);
    } else {
      const built = buildCreateBody(values, canAssign);
      if (!built.ok) return showProblems(built.problems);
      request = () => createActivity(built.body);
    }
    setSaving(true);
    try {
      const saved = await request();
      message.success(activity ? 'Activité mise à jour' : 'Activité créée');
      onSaved(saved, !activity);
    } catch (err) {
      const { fields } = fieldProblems(fieldErrors(err).map((f) => ({ path: f.name, message: f.errors.join(' ') })));
      if (fields.length) form.setFields(fields);
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ActivityFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={saving}
      requiredMark
      scrollToFirstError
      data-testid="activity-form"
    >
      <Form.Item name="type" label="Type" required>
        <Radio.Group optionType="button" buttonStyle="solid">
          {ACTIVITY_TYPES.map((t) => (
            <Radio.Button key={t} value={t}>
              <Space size={6}>
                {TYPE_ICONS[t]}
                {ACTIVITY_TYPE_LABELS[t]}
              </Space>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="subject"
        label="Objet"
        required
        rules={[{ required: true, whitespace: true, message: "L'objet est obligatoire." }, { max: 200, message: "L'objet : 200 caractères au maximum." }]}
        validateTrigger="onBlur"
      >
        <Input placeholder="Relance du devis, présentation de la maquette…" maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="dueAt"
            label="Échéance"
            required
            rules={[{ required: true, message: "La date d'échéance est obligatoire." }]}
            extra="Heure de Paris"
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
              needConfirm={false}
              // Enter confirms the typed date; it must not submit the whole form as well.
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.preventDefault();
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="durationMinutes" label="Durée (minutes)" rules={[amountRule]}>
            <AmountInput decimals={0} min={0} max={ACTIVITY_MAX_DURATION} placeholder="30" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="priority" label="Priorité" required>
            <Select<ActivityPriority> options={PRIORITY_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label="Statut" required>
            <Select<ActivityStatus> options={STATUS_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactId" label="Contact">
            <ContactSelect current={activity?.contact} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="reminderMinutes" label="Rappel" extra="Une notification vous est envoyée à ce moment-là.">
            <Select<number | null> allowClear placeholder="Aucun rappel" options={REMINDER_OPTIONS} data-testid="activity-form-reminder" />
          </Form.Item>
        </Col>
        {!activity && canAssign && (
          <Col xs={24} md={12}>
            <Form.Item name="owner" label="Propriétaire" extra="Par défaut, l'activité vous appartient.">
              <Select allowClear placeholder="Vous-même" options={ownerOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="notes" label="Notes" rules={[{ max: 5000, message: '5000 caractères au maximum.' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="Compte rendu, points à préparer…" />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onClose} disabled={saving}>
          Annuler
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="activity-form-submit">
          {activity ? 'Enregistrer' : "Créer l'activité"}
        </Button>
      </Space>
    </Form>
  );
}
