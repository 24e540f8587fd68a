# Build and run Storefront. The runtime image carries qpdf (the PDF engine, Apache-2.0) and
# DejaVu fonts for stamping names outside Latin-1, and fontconfig, which SkiaSharp's native library (image
# variants) links against; everything else lives in the database and S3.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/StorefrontHost -c Release --use-current-runtime -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends qpdf libqpdf29 fonts-dejavu-core fonts-droid-fallback \
    fonts-lohit-deva fonts-lohit-beng-bengali fonts-tlwg-loma-ttf fonts-nanum libfontconfig1 \
 && rm -rf /var/lib/apt/lists/*
# The backups volume takes this folder's owner when it is first created, so the app user may write there.
RUN mkdir -p /backups && chown app:app /backups
WORKDIR /app
COPY --from=build /app .
COPY recipes /app/recipes
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "StorefrontHost.dll"]
CMD ["serve"]
