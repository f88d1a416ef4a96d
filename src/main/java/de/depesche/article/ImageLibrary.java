package de.depesche.article;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import de.depesche.account.StaffPrincipal;
import de.depesche.site.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.springframework.web.multipart.MultipartFile;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts image uploads (JPEG, PNG, WebP) after checking what the bytes really are, and stores
 * resized JPEG variants for responsive pages. Anything else gets a clear reason.
 */
@Service
public class ImageLibrary {

    private static final Logger log = LoggerFactory.getLogger(ImageLibrary.class);

    enum Format {
        JPEG("image/jpeg", List.of("jpg", "jpeg")),
        PNG("image/png", List.of("png")),
        WEBP("image/webp", List.of("webp"));

        final String mediaType;
        final List<String> extensions;

        Format(String mediaType, List<String> extensions) {
            this.mediaType = mediaType;
            this.extensions = extensions;
        }
    }

    private final JdbcImageRepository images;
    private final MediaProperties properties;
    private final Clock clock;

    ImageLibrary(JdbcImageRepository images, MediaProperties properties, Clock clock) {
        this.images = images;
        this.properties = properties;
        this.clock = clock;
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    public Optional<StoredImage> find(long id) {
        return images.find(id);
    }

    public Optional<byte[]> variant(long id, int width) {
        return images.variant(id, width);
    }

    /** Stores the image of a form upload; empty when the form brought no file at all. */
    @Transactional
    public Optional<StoredImage> upload(@Nullable MultipartFile file, StaffPrincipal by) {
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
            return Optional.empty();
        }
        try {
            return Optional.of(upload(file.getOriginalFilename(), file.getContentType(), file.getBytes(), by));
        } catch (IOException e) {
            throw InvalidInput.of("image", "image.corrupt");
        }
    }

    /**
     * @param fileName    the name the browser sent; its extension must match the content
     * @param contentType the media type the browser sent, or null
     */
    @Transactional
    public StoredImage upload(@Nullable String fileName, @Nullable String contentType, byte[] bytes, StaffPrincipal by) {
        if (bytes.length == 0) {
            throw InvalidInput.of("image", "image.empty");
        }
        if (bytes.length > properties.maxUploadSize().toBytes()) {
            throw InvalidInput.of("image", "image.tooLarge", properties.maxUploadSize().toMegabytes());
        }
        Format format = sniff(bytes).orElseThrow(() -> InvalidInput.of("image", "image.type"));
        checkDeclared(format, fileName, contentType);
        BufferedImage image = decode(format, bytes);
        List<Integer> widths = variantWidths(image.getWidth());
        long id = images.insert(safeName(fileName), format.mediaType, image.getWidth(), image.getHeight(),
                bytes.length, sha256(bytes), by.id(), clock.instant(), widths);
        BufferedImage opaque = opaque(image);
        for (int width : widths) {
            images.insertVariant(id, width, jpeg(resize(opaque, width)));
        }
        return images.find(id).orElseThrow();
    }

    static Optional<Format> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of(Format.PNG);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    private static void checkDeclared(Format format, @Nullable String fileName, @Nullable String contentType) {
        if (fileName != null && fileName.contains(".")) {
            String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!format.extensions.contains(extension)) {
                throw InvalidInput.of("image", "image.extensionMismatch", extension, format.extensions.getFirst());
            }
        }
        if (contentType != null && contentType.startsWith("image/")
                && !contentType.toLowerCase(Locale.ROOT).startsWith(format.mediaType)
                && !(format == Format.JPEG && contentType.equalsIgnoreCase("image/pjpeg"))) {
            throw InvalidInput.of("image", "image.extensionMismatch", contentType, format.mediaType);
        }
    }

    private BufferedImage decode(Format format, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + format.mediaType);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > properties.maxPixels()) {
                    throw InvalidInput.of("image", "image.dimensions", properties.maxPixels() / 1_000_000);
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw InvalidInput.of("image", "image.corrupt");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            log.info("Refused an image upload that could not be decoded: {}", e.toString());
            throw InvalidInput.of("image", "image.corrupt");
        }
    }

    private List<Integer> variantWidths(int originalWidth) {
        List<Integer> widths = new ArrayList<>();
        for (int w : properties.widths().stream().sorted().toList()) {
            if (w <= originalWidth) {
                widths.add(w);
            }
        }
        if (widths.isEmpty()) {
            widths.add(originalWidth);
        }
        return widths;
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Halves the image step by step before the last step, which keeps downscaled text and lines crisp. */
    private static BufferedImage resize(BufferedImage image, int width) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width) {
            current = scale(current, current.getWidth() / 2);
        }
        return current.getWidth() == width ? current : scale(current, width);
    }

    private static BufferedImage scale(BufferedImage image, int width) {
        int height = Math.max(1, Math.round((float) image.getHeight() * width / image.getWidth()));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a JPEG variant", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static String safeName(@Nullable String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "bild";
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
