/** Create / edit form of a contact, in a modal. Validated with the contract's zod schemas, then by the API. */
import { useState } from 'react';
import { App, AutoComplete, Button, Col, Divider, Form, Input, Modal, Row, Select, Space, type FormRule } from 'antd';
import { errorMessage, fieldErrors } from '@digiweb/shared-ui';
import {
  CONTACT_STATUSES,
  CONTACT_STATUS_LABELS,
  DEFAULT_COUNTRY,
  type ContactDto,
  type ContactStatus,
} from '@digiweb/api/contracts';
import { createContact, updateContact } from './api';
import { StatusTag } from './display';
import {
  buildCreateBody,
  buildUpdateBody,
  groupFieldErrors,
  validateField,
  valuesFromContact,
  type ContactFormValues,
  type FieldErrorList,
  type TextField,
} from './form';

export interface AssigneeOption {
  value: string;
  label: string;
}

const SOURCE_SUGGESTIONS = ['Site web', 'Recommandation', 'Salon / événement', 'LinkedIn', 'Appel entrant', 'Prospection', 'Import CSV'].map(
  (value) => ({ value }),
);

type StatusOption = { value: ContactStatus; label: string };
const STATUS_OPTIONS: StatusOption[] = CONTACT_STATUSES.map((s) => ({ value: s, label: CONTACT_STATUS_LABELS[s] }));

/** The contract's validator of one field, as an antd rule. */
const zodRule = (field: TextField | 'status' | 'tags'): FormRule => ({
  validator: async (_rule, value: unknown) => {
    const message = validateField(field, value);
    if (message) throw new Error(message);
  },
});

interface Props {
  open: boolean;
  /** The contact to edit; absent to create one. */
  contact?: ContactDto;
  canAssign: boolean;
  assigneeOptions: AssigneeOption[];
  onClose: () => void;
  onSaved: (contact: ContactDto, created: boolean) => void;
}

export function ContactFormModal({ open, contact, canAssign, assigneeOptions, onClose, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={contact ? 'Modifier le contact' : 'Nouveau contact'}
      width={780}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      closable={!saving}
      onCancel={() => {
        if (!saving) onClose();
      }}
    >
      {open && (
        <ContactForm
          key={contact?.id ?? 'new'}
          contact={contact}
          canAssign={canAssign}
          assigneeOptions={assigneeOptions}
          saving={saving}
          setSaving={setSaving}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

interface FormProps extends Omit<Props, 'open'> {
  saving: boolean;
  setSaving: (saving: boolean) => void;
}

function ContactForm({ contact, canAssign, assigneeOptions, saving, setSaving, onClose, onSaved }: FormProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactFormValues>();
  const initialValues: ContactFormValues = contact
    ? valuesFromContact(contact)
    : { status: 'lead', country: DEFAULT_COUNTRY, tags: [] };

  const showErrors = ({ fields, other }: FieldErrorList) => {
    if (fields.length) form.setFields(fields);
    message.error(other[0] ?? 'Certaines valeurs sont invalides.');
  };

  /** Sends the request; server-side field errors (422) land on the fields, the rest in a toast. */
  const save = async (request: () => Promise<ContactDto>) => {
    setSaving(true);
    try {
      const saved = await request();
      message.success(contact ? 'Contact mis à jour' : 'Contact créé');
      onSaved(saved, !contact);
    } catch (err) {
      const { fields } = groupFieldErrors(fieldErrors(err).map((f) => ({ path: f.name, message: f.errors.join(' ') })));
      if (fields.length) form.setFields(fields);
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onFinish = async (values: ContactFormValues) => {
    if (contact) {
      const built = buildUpdateBody(values, contact);
      if (!built.ok) return showErrors(built.errors);
      if (Object.keys(built.body).length === 0) {
        message.info('Aucune modification à enregistrer.');
        onClose();
        return;
      }
      await save(() => updateContact(contact.id, built.body));
    } else {
      const built = buildCreateBody(values, canAssign);
      if (!built.ok) return showErrors(built.errors);
      await save(() => createContact(built.body));
    }
  };

  const text = (name: TextField, label: string, props: { required?: boolean; placeholder?: string; autoComplete?: string } = {}) => (
    <Form.Item name={name} label={label} required={props.required} rules={[zodRule(name)]} validateTrigger="onBlur">
      <Input placeholder={props.placeholder} autoComplete={props.autoComplete ?? 'off'} allowClear={!props.required} />
    </Form.Item>
  );

  return (
    <Form<ContactFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={saving}
      requiredMark
      data-testid="contact-form"
      scrollToFirstError
    >
      <Divider titlePlacement="start" plain>
        Identité
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {text('firstName', 'Prénom', { required: true, autoComplete: 'off' })}
        </Col>
        <Col xs={24} md={12}>
          {text('lastName', 'Nom', { required: true })}
        </Col>
        <Col xs={24} md={12}>
          {text('jobTitle', 'Poste', { placeholder: 'Directeur commercial' })}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label="Statut" required rules={[zodRule('status')]}>
            <Select<ContactStatus, StatusOption>
              options={STATUS_OPTIONS}
              optionRender={(option) => <StatusTag status={option.data.value} />}
              aria-label="Statut"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {text('email', 'E-mail', { placeholder: 'prenom.nom@entreprise.fr' })}
        </Col>
        <Col xs={24} md={12}>
          {text('phone', 'Téléphone', { placeholder: '06 12 34 56 78 ou +32 …' })}
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        Entreprise
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {text('companyName', 'Entreprise')}
        </Col>
        <Col xs={24} md={12}>
          {text('siret', 'SIRET', { placeholder: '14 chiffres' })}
        </Col>
        <Col xs={24} md={12}>
          {text('manager', 'Gérant')}
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        Adresse
      </Divider>
      <Row gutter={16}>
        <Col xs={24}>{text('address', 'Adresse', { placeholder: '12 rue de la Paix' })}</Col>
        <Col xs={24} md={6}>
          {text('postalCode', 'Code postal', { placeholder: '75002' })}
        </Col>
        <Col xs={24} md={10}>
          {text('city', 'Ville')}
        </Col>
        <Col xs={24} md={8}>
          {text('country', 'Pays')}
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        Suivi
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="source" label="Source" rules={[zodRule('source')]} validateTrigger="onBlur">
            <AutoComplete
              options={SOURCE_SUGGESTIONS}
              placeholder="Site web, salon, recommandation…"
              showSearch={{
                filterOption: (input, option) => (option?.value ?? '').toLowerCase().includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="tags" label="Tags" rules={[zodRule('tags')]}>
            <Select mode="tags" tokenSeparators={[',']} placeholder="Ajoutez des tags" open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        {!contact && canAssign && (
          <Col xs={24} md={12}>
            <Form.Item name="assignedTo" label="Commercial assigné" extra="Par défaut, le contact vous est assigné.">
              <Select
                allowClear
                placeholder="Vous-même"
                options={assigneeOptions}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="contact-form-assignee"
              />
            </Form.Item>
          </Col>
        )}
      </Row>

      <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 8 }}>
        <Button onClick={onClose} disabled={saving}>
          Annuler
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="contact-form-submit">
          {contact ? 'Enregistrer' : 'Créer le contact'}
        </Button>
      </Space>
    </Form>
  );
}
