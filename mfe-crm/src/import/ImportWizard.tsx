/**
 * CRM → Contacts → Importer: a CSV file in six steps — upload, column mapping, preview of the first
 * rows validated, options (deduplication, assignment, tags), progress of the background import, report
 * with the rejected lines to download.
 */
import { useCallback, useState } from 'react';
import { App, Button, Flex, Form, Modal, Steps } from 'antd';
import { errorMessage } from '@digiweb/shared-ui';
import { IMPORT_ACTIVE_STATUSES, type ImportDto, type ImportField } from '@digiweb/api/contracts';
import { startImport, updateImport } from './api';
import { ConfigStep, DEFAULT_CONFIG, type ImportConfigValues } from './ConfigStep';
import { MappingStep, mappingProblem } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ProgressStep, ReportStep } from './RunStep';
import { UploadStep } from './UploadStep';

const STEPS = ['Fichier', 'Colonnes', 'Aperçu', 'Options', 'Import', 'Rapport'];
const Step = { Upload: 0, Mapping: 1, Preview: 2, Config: 3, Progress: 4, Report: 5 } as const;
type Step = (typeof Step)[keyof typeof Step];

/** Where an import stands in the wizard. */
function stepOf(imp: ImportDto): Step {
  if (imp.status === 'analysed') return Step.Mapping;
  return IMPORT_ACTIVE_STATUSES.includes(imp.status) ? Step.Progress : Step.Report;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** An import ended: the contacts list may have changed. */
  onFinished: () => void;
}

export default function ImportWizard({ open, onClose, onFinished }: Props) {
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>(Step.Upload);
  const [imp, setImp] = useState<ImportDto>();
  const [columns, setColumns] = useState<(ImportField | null)[]>([]);
  const [keepUnmapped, setKeepUnmapped] = useState(true);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ImportConfigValues>();

  const load = useCallback((next: ImportDto) => {
    setImp(next);
    setColumns(next.columns);
    setStep(stepOf(next));
  }, []);

  const reset = () => {
    setImp(undefined);
    setColumns([]);
    setKeepUnmapped(true);
    setStep(Step.Upload);
    form.resetFields();
  };

  const onProgress = useCallback(
    (next: ImportDto) => {
      setImp(next);
      if (!IMPORT_ACTIVE_STATUSES.includes(next.status)) {
        setStep(Step.Report);
        onFinished();
        if (next.status === 'completed') message.success('Import terminé');
        else if (next.status === 'cancelled') message.warning('Import annulé');
        else message.error('L’import a échoué');
      }
    },
    [message, onFinished],
  );

  const saveMapping = async () => {
    if (!imp) return;
    setBusy(true);
    try {
      setImp(await updateImport(imp.id, { columns }));
      setStep(Step.Preview);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const launch = async () => {
    if (!imp) return;
    let values: ImportConfigValues;
    try {
      values = { ...DEFAULT_CONFIG, ...(await form.validateFields()) };
    } catch {
      return;
    }
    setBusy(true);
    try {
      const started = await startImport(imp.id, {
        columns,
        dedupBy: values.dedupBy,
        onDuplicate: values.onDuplicate,
        assignment: values.assignment,
        ...(values.assignment === 'one' ? { assignTo: values.assignTo } : {}),
        tags: values.tags,
        keepUnmapped,
      });
      message.success('Import lancé en arrière-plan');
      setImp(started);
      setStep(Step.Progress);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const footer = (() => {
    const back = (to: Step) => (
      <Button onClick={() => setStep(to)} disabled={busy}>
        Précédent
      </Button>
    );
    switch (step) {
      case Step.Upload:
        return <Button onClick={onClose}>Fermer</Button>;
      case Step.Mapping:
        return (
          <Flex justify="space-between">
            <Button onClick={reset}>Changer de fichier</Button>
            <Button
              type="primary"
              onClick={saveMapping}
              loading={busy}
              disabled={!!mappingProblem(columns)}
              data-testid="import-next"
            >
              Suivant
            </Button>
          </Flex>
        );
      case Step.Preview:
        return (
          <Flex justify="space-between">
            {back(Step.Mapping)}
            <Button type="primary" onClick={() => setStep(Step.Config)} data-testid="import-next">
              Suivant
            </Button>
          </Flex>
        );
      case Step.Config:
        return (
          <Flex justify="space-between">
            {back(Step.Preview)}
            <Button type="primary" onClick={launch} loading={busy} data-testid="import-start">
              Lancer l’import
            </Button>
          </Flex>
        );
      case Step.Progress:
        return <Button onClick={onClose}>Fermer (l’import continue)</Button>;
      case Step.Report:
        return (
          <Flex justify="space-between">
            <Button onClick={reset}>Nouvel import</Button>
            <Button type="primary" onClick={onClose}>
              Terminer
            </Button>
          </Flex>
        );
    }
  })();

  return (
    <Modal
      open={open}
      title="Importer des contacts (CSV)"
      width={1040}
      onCancel={onClose}
      footer={footer}
      mask={{ closable: false }}
      destroyOnHidden
      afterClose={reset}
      data-testid="import-wizard"
    >
      <Flex vertical gap={24}>
        <Steps current={step} size="small" items={STEPS.map((title) => ({ title }))} />
        {step === Step.Upload && <UploadStep onUploaded={load} onOpen={load} />}
        {imp && step === Step.Mapping && (
          <MappingStep
            imp={imp}
            columns={columns}
            onColumnsChange={setColumns}
            onReanalysed={load}
            keepUnmapped={keepUnmapped}
            onKeepUnmappedChange={setKeepUnmapped}
          />
        )}
        {imp && step === Step.Preview && <PreviewStep imp={imp} />}
        {step === Step.Config && <ConfigStep form={form} />}
        {imp && step === Step.Progress && <ProgressStep imp={imp} onChange={onProgress} />}
        {imp && step === Step.Report && <ReportStep imp={imp} />}
      </Flex>
    </Modal>
  );
}
